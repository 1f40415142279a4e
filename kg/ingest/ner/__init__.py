"""Named-entity mentions in Kazakh text: a CRF trained on KazNERD."""
