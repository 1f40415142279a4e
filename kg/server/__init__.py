"""The linked-data server: SPARQL endpoint, entity pages, VoID."""
