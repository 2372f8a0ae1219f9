//! The compare tables as text: Markdown for a report, CSV for a spreadsheet.
