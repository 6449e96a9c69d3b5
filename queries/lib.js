// lib.js: helpers that every canned query starts with. The query's parameters arrive
// before this file as `var params = {...}`, JSON-encoded by kg; for each entity parameter
// X, params also holds XKey, the name normalised the way kg stores its lookup keys.

// kgVal reads a value the way a query gets it, whatever collation the caller asked for:
// JSON gives IRIs as "<iri>" strings, JSON-LD (the web console) as {"@id": "iri"} and
// literals as {"@value": v}.
function kgVal(v) {
  if (v !== null && typeof v == "object") {
    if (v["@id"] !== undefined) return "<" + v["@id"] + ">";
    if (v["@value"] !== undefined) return v["@value"];
  }
  return v;
}

// kgArr is path.ToArray(limit) with the values read by kgVal, one per path: on Cayley's
// SQL backend ToArray folds a value that several paths reach in a row into one, which
// breaks every count (names by number of articles, relations by statements), while
// TagArray keeps each path.
function kgArr(path, limit) {
  return path.TagArray(limit || 100000).map(function (row) { return kgVal(row.id); });
}

// kgTags is path.TagArray(limit) with the values read by kgVal.
function kgTags(path, limit) {
  return path.TagArray(limit || 100000).map(function (row) {
    var out = {};
    for (var k in row) out[k] = kgVal(row[k]);
    return out;
  });
}

var KG_IRREGULAR = {
  met: "meet", told: "tell", led: "lead", spoke: "speak", spoken: "speak", fought: "fight",
  beaten: "beat", won: "win", left: "leave", went: "go", gone: "go", flew: "fly", flown: "fly",
  bought: "buy", sold: "sell", ran: "run", held: "hold", took: "take", taken: "take",
  gave: "give", given: "give", saw: "see", seen: "see", said: "say", brought: "bring",
  shook: "shake", shaken: "shake", drew: "draw", drawn: "draw", lost: "lose", sued: "sue",
  overcame: "overcome", shot: "shoot", struck: "strike", sought: "seek", made: "make",
  paid: "pay", sent: "send", quit: "quit", bid: "bid", beat: "beat", put: "put", hit: "hit"
};

// kgStem reduces a verb in any form to a stem: "criticised", "criticize", "criticizing"
// and "criticized" share one.
function kgStem(v) {
  v = String(v).toLowerCase().split(/[_\s]+/)[0];
  if (KG_IRREGULAR[v]) v = KG_IRREGULAR[v];
  v = v.replace(/is(e|ed|es|ing)$/, "iz$1");
  if (v.length > 5 && /ing$/.test(v)) v = v.slice(0, -3);
  else if (v.length > 4 && /ied$/.test(v)) v = v.slice(0, -3) + "y";
  else if (v.length > 4 && /ies$/.test(v)) v = v.slice(0, -3) + "y";
  else if (v.length > 4 && /ed$/.test(v)) v = v.slice(0, -2);
  else if (/(ches|shes|sses|xes|zes|oes)$/.test(v)) v = v.slice(0, -2);
  else if (v.length > 3 && /s$/.test(v) && !/ss$/.test(v)) v = v.slice(0, -1);
  if (v.length > 3 && /e$/.test(v)) v = v.slice(0, -1);
  if (v.length > 3 && /([bdfgklmnprtvz])\1$/.test(v)) v = v.slice(0, -1);
  return v;
}

// kgFind returns the node a name stands for: the entity whose name keys include it, else
// one whose aliases do ("President Putin"), else one that articles refer to that way
// ("the Russian president"); among several, the one named in the most articles (for a
// reference, the one most articles refer to that way).
function kgFind(key, raw) {
  var c = [];
  // Has() with a value the store lacks fails with "kv: not found" on Cayley's KV backends,
  // so look the value up first
  if (key && g.V(str(key)).Count() > 0) {
    c = kgArr(g.V().Has("<kg:key>", str(key)).Unique());
    if (c.length == 0) c = kgArr(g.V().Has("<kg:aliasKey>", str(key)).Unique());
    if (c.length == 0) {
      // one row per article that refers to a node so
      var refs = kgArr(g.V(str(key)).In("<kg:refKey>"));
      var counts = {};
      for (var j = 0; j < refs.length; j++) counts[refs[j]] = (counts[refs[j]] || 0) + 1;
      var bestR = null, bestRN = -1;
      for (var r in counts) if (counts[r] > bestRN || counts[r] == bestRN && r < bestR) { bestR = r; bestRN = counts[r]; }
      if (bestR !== null) return bestR;
    }
  }
  if (c.length == 0) throw new Error("nothing in the graph is known as " + JSON.stringify(raw));
  var best = c[0], bestN = -1;
  for (var i = 0; i < c.length && c.length > 1; i++) {
    var n = g.V(c[i]).In("<schema:mentions>").Count();
    if (n > bestN) { best = c[i]; bestN = n; }
  }
  return best;
}

// kgName returns a node's name: the one most of its articles give it, read from at most
// KG_NAME_SAMPLE of them (a node named in thousands of articles has one name in nearly
// all), and remembered for the rest of the query.
var KG_NAME_SAMPLE = 500, kgNames = {};
function kgName(iri) {
  if (kgNames.hasOwnProperty(iri)) return kgNames[iri];
  var n = kgArr(g.V(iri).Out("<schema:name>"), KG_NAME_SAMPLE);
  if (n.length == 0) return (kgNames[iri] = iri);
  var count = {}, best = n[0];
  for (var i = 0; i < n.length; i++) {
    count[n[i]] = (count[n[i]] || 0) + 1;
    if (count[n[i]] > count[best] || count[n[i]] == count[best] &&
      (n[i].length > best.length || n[i].length == best.length && n[i] < best)) best = n[i];
  }
  return (kgNames[iri] = best);
}

// kgRelations returns every relation predicate of the graph.
function kgRelations() {
  return kgArr(g.V("<kg:Relation>").In("<rdf:type>").Unique());
}

// kgSymmetric reports whether a relation predicate has no direction ("met").
function kgSymmetric(p) {
  // not .Is("<kg:Symmetric>"): on Cayley's KV backends that fails with "kv: not found"
  return kgArr(g.V(p).Out("<rdf:type>")).indexOf("<kg:Symmetric>") >= 0;
}

// kgPredicates returns the relation predicates a verb, in any form, names: through the
// kg:stem of each predicate, or on a store written before kg:stem, by stemming them all.
function kgPredicates(verb) {
  var want = kgStem(verb), out = [];
  if (g.V("<kg:stem>").Count() > 0) {
    // Has() with a value the store lacks fails on Cayley's KV backends: look it up first
    if (g.V(str(want)).Count() > 0) out = kgArr(g.V().Has("<kg:stem>", str(want)).Unique());
  } else {
    var all = kgRelations();
    for (var i = 0; i < all.length; i++) {
      if (kgStem(all[i].replace(/^<|>$/g, "")) == want) out.push(all[i]);
    }
  }
  if (out.length == 0) throw new Error("no relation " + JSON.stringify(verb) + " in the graph");
  return out.sort();
}

// kgVerb is the text of a relation predicate ("<spoke_with>" -> "spoke with").
function kgVerb(p) {
  return p.replace(/^<|>$/g, "").replace(/_/g, " ");
}

// kgStatements returns the statements of predicate p (or of any predicate when p is null)
// with the given subject and/or object (either may be null, not both), each as
// {stmt, s, p, o, doc, evidence}, and with dated also {published, date}. It starts from
// the entity, whose statements are few, rather than from the predicate, whose statements
// may be many. Statements that are no plain facts (a plan, a possibility: kg:modality)
// are left out unless params.modal.
function kgStatements(s, p, o, limit, dated) {
  var path = o ? g.V(o).In("<kg:object>") : g.V(s).In("<kg:subject>");
  if (o && s) path = path.Has("<kg:subject>", s);
  if (p) path = path.Has("<kg:predicate>", p);
  return kgStatementRows(kgArr(path.Unique(), limit || 1000), dated).filter(function (r) { return params.modal || !r.modality; });
}

// kgStatementFields are the parts of a statement node, by the key kgStatementRows gives them.
var kgStatementFields = {
  "<kg:subject>": "s", "<kg:predicate>": "p", "<kg:object>": "o", "<kg:doc>": "doc", "<kg:evidence>": "evidence",
  "<kg:published>": "published", "<kg:date>": "date", "<kg:modality>": "modality"
};

// kgStatementRows reads the statements ids: [{stmt, s, p, o, doc, evidence}], with dated
// also {published, date}, those of articles outside params.since..params.until left out.
// Every value read costs (on a hub of a large store, most of the answer's time), so the
// dates are read only for a caller that shows them or for a period. (Tag and Back per
// field would make the store intersect the whole path once per field.)
function kgStatementRows(ids, dated) {
  if (ids.length == 0) return [];
  var rows = {}, out = [], period = params.since || params.until;
  for (var i = 0; i < ids.length; i++) {
    if (!rows[ids[i]]) { rows[ids[i]] = { stmt: ids[i] }; out.push(rows[ids[i]]); }
  }
  // one Out per field: Out with a list of predicates makes Cayley walk every quad of
  // those predicates, seconds on a large store
  for (var pred in kgStatementFields) {
    if (pred == "<kg:date>" && !dated || pred == "<kg:published>" && !dated && !period) continue;
    if (pred == "<kg:modality>" && params.modal) continue;
    var vals = kgTags(g.V.apply(g, ids).Tag("stmt").Out(pred), 100000);
    for (var j = 0; j < vals.length; j++) {
      var row = rows[vals[j].stmt];
      if (row) row[kgStatementFields[pred]] = vals[j].id;
    }
  }
  return out.filter(function (r) { return r.s && r.o && r.doc && kgInPeriod(r.published); });
}

// kgInPeriod reports whether an article's date (as stored: "2025-08-15" or an instant)
// falls within params.since and params.until ("2025-08-15", "2025-08" or "2025"); without
// them every article does, with them an article without a date does not.
function kgInPeriod(date) {
  if (!params.since && !params.until) return true;
  if (!date) return false;
  var day = String(date).slice(0, 10);
  if (params.since && day < params.since.slice(0, day.length)) return false;
  if (params.until && day.slice(0, params.until.length) > params.until) return false;
  return true;
}

// kgArticle is what answers show of an article: {id, headline, date, source}, read once
// per query. The source is its publisher, else the host of its address.
var kgArticles = {};
function kgArticle(docIRI) {
  if (kgArticles.hasOwnProperty(docIRI)) return kgArticles[docIRI];
  var a = { id: kgDoc(docIRI) }, fields = {
    "<schema:headline>": "headline", "<schema:datePublished>": "date", "<schema:publisher>": "source", "<schema:url>": "url"
  };
  for (var pred in fields) {
    var v = kgArr(g.V(docIRI).Out(pred), 1);
    if (v.length > 0) a[fields[pred]] = v[0];
  }
  if (!a.source && a.url) a.source = String(a.url).replace(/^[a-z]+:\/\/(www\.)?/, "").replace(/[\/?#].*$/, "");
  delete a.url;
  return (kgArticles[docIRI] = a);
}

// kgArticleList turns article ids or IRIs into kgArticle objects, sorted by id.
function kgArticleList(docs) {
  var seen = {}, out = [];
  for (var i = 0; i < docs.length; i++) {
    var iri = docs[i].charAt(0) == "<" ? docs[i] : "<doc:" + docs[i] + ">";
    if (seen[iri]) continue;
    seen[iri] = true;
    out.push(kgArticle(iri));
  }
  return out.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
}

// kgDoc is the article id of a document IRI.
function kgDoc(iri) {
  return iri.replace(/^<doc:|>$/g, "");
}

// kgId is the id of a node as kg prints it everywhere: "ent:Vladimir_Putin".
function kgId(iri) {
  return String(iri).replace(/^<|>$/g, "");
}

// kgRef is an entity as every answer gives it, the shape of the listings' JSON too:
// {"id": "ent:Vladimir_Putin", "name": "Vladimir Putin"}. The console's graph view draws
// a row's subject and object refs as an edge labelled with its predicate.
function kgRef(iri) {
  return { id: kgId(iri), name: kgName(iri) };
}

// KG_ROW_ARTICLES is how many articles a row of an answer lists at most: on a large store a
// relation of a hub is stated in hundreds, each a read of the store. A row whose list is
// cut says how many there are in articles_total.
var KG_ROW_ARTICLES = 10;

// kgRowArticles sets row.articles from the article ids or IRIs docs (distinct): the first
// KG_ROW_ARTICLES by id as kgArticle objects, and articles_total when there are more.
function kgRowArticles(row, docs) {
  var ids = docs.map(function (d) { return d.charAt(0) == "<" ? kgDoc(d) : d; }).sort();
  row.articles = kgArticleList(ids.slice(0, KG_ROW_ARTICLES));
  if (ids.length > KG_ROW_ARTICLES) row.articles_total = ids.length;
  return row;
}

// kgGroup merges statements into one row per (subject, predicate, object) with all the
// articles that state it (the first KG_ROW_ARTICLES listed), and emits the rows,
// most-attested first.
function kgGroup(stmts, limit) {
  var rows = {}, order = [], evDoc = {}, has = {};
  for (var i = 0; i < stmts.length; i++) {
    var st = stmts[i], k = st.s + " " + st.p + " " + st.o, doc = kgDoc(st.doc);
    if (!rows[k]) {
      rows[k] = {
        subject: kgRef(st.s), predicate: kgVerb(st.p), object: kgRef(st.o),
        evidence: st.evidence, articles: []
      };
      evDoc[k] = doc;
      has[k] = {};
      order.push(k);
    } else if (doc < evDoc[k] || doc == evDoc[k] && st.evidence < rows[k].evidence) {
      // the evidence of the first article by id, whatever order the store walks in
      rows[k].evidence = st.evidence;
      evDoc[k] = doc;
    }
    if (!has[k][doc]) { has[k][doc] = true; rows[k].articles.push(doc); }
  }
  order.sort(function (a, b) {
    return rows[b].articles.length - rows[a].articles.length || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (var j = 0; j < order.length && j < (limit || 100); j++) {
    g.Emit(kgRowArticles(rows[order[j]], rows[order[j]].articles));
  }
}
