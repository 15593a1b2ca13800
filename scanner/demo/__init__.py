"""The bundled demo site and the local multi-host HTTPS server that serves it and test sites."""
