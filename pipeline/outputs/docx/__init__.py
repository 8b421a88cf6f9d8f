"""The DOCX: the charter's reference document, the finishing pass, the anchors."""
