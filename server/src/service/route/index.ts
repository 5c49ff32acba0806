// Explain-route: a model of sendmail's routing decisions, and the mailertable CodeLenses.
export { parseMailertable, mailertableKeys, sampleAddressForKey, type MailertableEntry } from './mailertable';
export { explainRoute, usesMx, type RouteModel, type RouteAnswer } from './explain';
export { loadRouteModel, routeModelFromConfig, mapSourcePath } from './load';
export { mailertableRouteLenses, virtusertableRouteLenses, sampleAddressForVirtuserKey, TEST_ROUTE_COMMAND, MAX_ROUTE_LENSES } from './codeLens';
