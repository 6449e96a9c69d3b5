// name: whom
// description: Whom did <subject> <verb>? The objects of a relation, with the articles that say so.
// param: subject entity Vladimir Putin
// param: verb verb invited
var source = kgFind(params.subjectKey, params.subject);
var preds = kgPredicates(params.verb), stmts = [];
for (var i = 0; i < preds.length; i++) {
  var p = preds[i];
  var found = kgStatements(source, p, null, 1000);
  for (var j = 0; j < found.length; j++) { found[j].p = p; stmts.push(found[j]); }
  if (kgSymmetric(p)) {
    var rev = kgStatements(null, p, source, 1000);
    for (var k = 0; k < rev.length; k++) {
      stmts.push({ s: rev[k].o, o: rev[k].s, p: p, doc: rev[k].doc, evidence: rev[k].evidence, published: rev[k].published, date: rev[k].date });
    }
  }
}
kgGroup(stmts, params.limit || 100);
