"""What every report writer uses, knowing no scan: atomic files, safe text, templates, codec."""
