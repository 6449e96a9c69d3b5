// name: who
// description: Who <verb> <object>? The subjects of a relation, with the articles that say so.
// param: verb verb criticized
// param: object entity Donald Trump
var target = kgFind(params.objectKey, params.object);
var preds = kgPredicates(params.verb), stmts = [];
for (var i = 0; i < preds.length; i++) {
  var p = preds[i];
  var found = kgStatements(null, p, target, 1000);
  for (var j = 0; j < found.length; j++) { found[j].p = p; stmts.push(found[j]); }
  if (kgSymmetric(p)) {
    // "met" has no direction: the other side of statements where the target is the subject
    var rev = kgStatements(target, p, null, 1000);
    for (var k = 0; k < rev.length; k++) {
      stmts.push({ s: rev[k].o, o: rev[k].s, p: p, doc: rev[k].doc, evidence: rev[k].evidence, published: rev[k].published, date: rev[k].date });
    }
  }
}
kgGroup(stmts, params.limit || 100);
