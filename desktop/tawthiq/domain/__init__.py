"""Plain data of Tawthiq: records, fields, vocabularies. Imports nothing else of ours."""
