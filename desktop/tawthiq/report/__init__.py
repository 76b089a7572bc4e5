"""Bilingual Arabic/English PDF incident reports (ReportLab). No Qt; reads plain records
prepared by the services, so the same report comes from the command line and the window."""
