"""The pipeline's stages (one package each), the text rules they share, the records between them."""
