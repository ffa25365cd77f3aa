"""Pipeline stages: fetch → strip → normalize → extract → validate → load, one module each."""
