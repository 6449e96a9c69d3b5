package console

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"

	"github.com/kg-news/kg/graph"
)

// The console's front end as kg adds it to Cayley's: kg.js draws the Visualize page with
// cytoscape.js (names, verbs, a colour per type and a legend, zoom, pan and drag, a node
// limit), says what Query Shape and Write do not do here, folds the canned questions'
// library in the editor and reads errors as sentences; the /ask page shows answers as a
// reader reads them. The handlers below give them what the query API does not: the
// names, types and relations of the nodes an answer returns, and the articles' headlines.

// maxSubgraph is the most node ids one /api/kg/nodes request describes.
const maxSubgraph = 2000

// scriptPosition is where in a Gizmo script an error was thrown: of use to whoever writes
// the script, noise to whoever asks a question.
var scriptPosition = regexp.MustCompile(`\s+at (?:\S+ )?\(?<eval>:\d+:\d+(?:\(\d+\))?\)?`)

// Sentence is an error message with script positions taken out and an "Error: " prefix
// dropped: `nothing in the graph is known as "Putn"`.
func Sentence(msg string) string {
	msg = scriptPosition.ReplaceAllString(msg, "")
	msg = strings.Replace(msg, "Error: ", "", 1)
	return strings.TrimSpace(msg)
}

// kgInfo is what the front end needs to know of the server.
func (h *Handler) serveInfo(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{"writable": h.opts.Writable, "limit": h.opts.Limit})
}

// serveNodes answers POST /api/kg/nodes {"ids": ["ent:…", …]} with each node's name,
// type and number of articles, and the relations among them.
func (h *Handler) serveNodes(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, "POST the ids as {\"ids\": [...]}")
		return
	}
	var req struct {
		IDs []string `json:"ids"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "the body is not {\"ids\": [...]}: "+err.Error())
		return
	}
	if len(req.IDs) > maxSubgraph {
		req.IDs = req.IDs[:maxSubgraph]
	}
	for i, id := range req.IDs {
		req.IDs[i] = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	var nodes []graph.NodeInfo
	var rels []graph.RelationRow
	err := h.withStore(ctx, func(st *graph.Store) (err error) {
		nodes, rels, err = st.Subgraph(ctx, req.IDs)
		return err
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	type edge struct {
		Source    string `json:"source"`
		Target    string `json:"target"`
		Label     string `json:"label"`
		Weight    int    `json:"weight"`
		Symmetric bool   `json:"symmetric,omitempty"`
	}
	edges := make([]edge, 0, len(rels))
	for _, r := range rels {
		edges = append(edges, edge{r.Subject, r.Object, strings.ReplaceAll(r.Predicate, "_", " "), len(r.Docs), r.Symmetric})
	}
	if nodes == nil {
		nodes = []graph.NodeInfo{}
	}
	writeJSON(w, map[string]any{"nodes": nodes, "edges": edges})
}

// serveArticles answers GET /api/kg/articles?id=…&id=… with what the store knows of each
// article: {"articles": {"id": {"headline": …, "datePublished": …}}}.
func (h *Handler) serveArticles(w http.ResponseWriter, r *http.Request) {
	ids := r.URL.Query()["id"]
	if len(ids) > maxSubgraph {
		ids = ids[:maxSubgraph]
	}
	ctx, cancel := context.WithTimeout(r.Context(), h.opts.Timeout)
	defer cancel()
	var info map[string]map[string]string
	err := h.withStore(ctx, func(st *graph.Store) (err error) {
		info, err = st.ArticleInfo(ctx, ids)
		return err
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, map[string]any{"articles": info})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
