// name: attended
// description: Who attended <event>? Its participants, with the articles that say so.
// param: event entity summit
var ev = kgFind(params.eventKey, params.event);
var preds = kgPredicates("attended"), stmts = [];
for (var i = 0; i < preds.length; i++) {
  var found = kgStatements(null, preds[i], ev, 1000);
  for (var j = 0; j < found.length; j++) { found[j].p = preds[i]; stmts.push(found[j]); }
}
kgGroup(stmts, params.limit || 100);
