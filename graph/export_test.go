package graph

// SetBulkMax sets how many quads the bulk Writer w holds before it commits, for tests.
func SetBulkMax(w *Writer, n int) { w.bulk.max = n }
