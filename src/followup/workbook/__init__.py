"""Adapters between the tracker file and the pure core: the reader and the writer."""
