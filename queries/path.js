// name: path
// description: How are <from> and <to> connected? The shortest chain of relations between them, up to 3 steps.
// param: from entity Marco Rubio
// param: to entity Sergey Lavrov
var from = kgFind(params.fromKey, params.from), to = kgFind(params.toKey, params.to);
var preds = kgRelations();
var maxDepth = Math.min(params.depth || 3, 3);
// breadth-first search over relation edges in both directions
var parent = {}, edge = {}, frontier = [from], found = (from == to);
parent[from] = null;
for (var depth = 0; depth < maxDepth && !found && frontier.length > 0; depth++) {
  var next = [];
  for (var i = 0; i < frontier.length && !found; i++) {
    var n = frontier[i];
    var outs = kgArr(g.V(n).OutPredicates());
    var ins = kgArr(g.V(n).InPredicates());
    var steps = [];
    for (var a = 0; a < outs.length; a++) if (preds.indexOf(outs[a]) >= 0) {
      var xs = kgArr(g.V(n).Out(outs[a]));
      for (var b = 0; b < xs.length; b++) steps.push({ node: xs[b], s: n, p: outs[a], o: xs[b] });
    }
    for (var c = 0; c < ins.length; c++) if (preds.indexOf(ins[c]) >= 0) {
      var ys = kgArr(g.V(n).In(ins[c]));
      for (var d = 0; d < ys.length; d++) steps.push({ node: ys[d], s: ys[d], p: ins[c], o: n });
    }
    for (var k = 0; k < steps.length; k++) {
      var st = steps[k];
      if (parent.hasOwnProperty(st.node)) continue;
      parent[st.node] = n;
      edge[st.node] = st;
      next.push(st.node);
      if (st.node == to) { found = true; break; }
    }
  }
  frontier = next;
}
if (!found) throw new Error("no chain of at most " + maxDepth + " relations joins " + kgName(from) + " and " + kgName(to));
var chain = [];
for (var x = to; parent[x] != null; x = parent[x]) chain.unshift(edge[x]);
for (var s = 0; s < chain.length; s++) {
  var e = chain[s];
  var docs = kgArr(g.V().Has("<kg:subject>", e.s).Has("<kg:predicate>", e.p).Has("<kg:object>", e.o).Out("<kg:doc>"));
  g.Emit({
    step: s + 1, subject: kgName(e.s), predicate: kgVerb(e.p), object: kgName(e.o),
    articles: docs.map(kgDoc).sort(), source: kgNode(e.s), target: kgNode(e.o)
  });
}
