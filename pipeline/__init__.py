"""Regards croisés: the RNCRPV's pipeline from the CRPVs' notes to the network's
collective contributions (DOCX drafts, PDF and HTML publications)."""

__version__ = "0.1.0"
