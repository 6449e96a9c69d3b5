// name: path
// description: How are <from> and <to> connected? The shortest chain of relations between them, up to 3 steps.
// param: from entity Marco Rubio
// param: to entity Sergey Lavrov
var from = kgFind(params.fromKey, params.from), to = kgFind(params.toKey, params.to);
var maxDepth = Math.min(params.depth || 3, 3);

// Breadth-first from both ends at once, a whole level per query, always growing the
// smaller side: a hub's neighbourhood is read once, not node by node. Edges are the
// statements: an entity reaches the other end of every statement it is subject or
// object of, in either direction.
function side(start) {
  var s = { seen: {}, frontier: [start] };
  s.seen[start] = { prev: null, stmt: null };
  return s;
}
// expand reads the neighbours of a side's frontier and returns the nodes it reached that
// the other side has seen, sorted, so that bolt and SQL stores pick the same chain.
function expand(a, b) {
  var next = [], meet = {};
  var rows = kgTags(g.V.apply(g, a.frontier).Tag("from").In("<kg:subject>").Tag("stmt").Out("<kg:object>"), 200000)
    .concat(kgTags(g.V.apply(g, a.frontier).Tag("from").In("<kg:object>").Tag("stmt").Out("<kg:subject>"), 200000));
  rows.sort(function (x, y) { return x.from + x.stmt < y.from + y.stmt ? -1 : x.from + x.stmt > y.from + y.stmt ? 1 : 0; });
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    if (a.seen.hasOwnProperty(r.id)) continue;
    a.seen[r.id] = { prev: r.from, stmt: r.stmt };
    next.push(r.id);
    if (b.seen.hasOwnProperty(r.id)) meet[r.id] = true;
  }
  a.frontier = next;
  return Object.keys(meet).sort();
}
var A = side(from), B = side(to), meet = from == to ? [from] : [];
for (var depth = 0; depth < maxDepth && meet.length == 0 && A.frontier.length > 0 && B.frontier.length > 0; depth++) {
  meet = A.frontier.length <= B.frontier.length ? expand(A, B) : expand(B, A);
}
if (meet.length == 0) throw new Error("no chain of at most " + maxDepth + " relations joins " + kgName(from) + " and " + kgName(to));

// the chain: statements from `from` to the meeting node, then on to `to`
var stmts = [];
for (var x = meet[0]; A.seen[x].prev != null; x = A.seen[x].prev) stmts.unshift(A.seen[x].stmt);
for (var y = meet[0]; B.seen[y].prev != null; y = B.seen[y].prev) stmts.push(B.seen[y].stmt);
var rows = kgStatementRows(stmts), byId = {};
for (var i = 0; i < rows.length; i++) byId[rows[i].stmt] = rows[i];
for (var s = 0; s < stmts.length; s++) {
  var e = byId[stmts[s]];
  if (!e) throw new Error("the chain that joins " + kgName(from) + " and " + kgName(to) + " runs through articles outside the dates asked for");
  // every article that states the same relation
  var docs = {};
  kgStatements(e.s, e.p, e.o, 1000).forEach(function (r) { docs[kgDoc(r.doc)] = true; });
  g.Emit(kgRowArticles({
    step: s + 1, subject: kgRef(e.s), predicate: kgVerb(e.p), object: kgRef(e.o)
  }, Object.keys(docs)));
}
