// Frame and modality tests live in tests/ (they need the entity recognizer).
