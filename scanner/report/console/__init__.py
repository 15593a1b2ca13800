"""What a scan prints: the rich table or plain lines, annotations, the baseline comparison."""
