"""Word (.docx) and LibreOffice (.odt) notes: opening the files safely, reading the
metadata table or the document properties, the body through pandoc, and the note
templates that writers start from."""
