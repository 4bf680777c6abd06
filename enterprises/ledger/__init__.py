"""The ledger (台账) workbook: its format (schema), reading files (reading), importing them
(importer) and writing workbooks (writing)."""
