"""Knowledge files: companies, vehicle types, cue words, ... (see evnews.knowledge)."""
