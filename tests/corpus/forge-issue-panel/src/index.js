import Resolver from '@forge/resolver';

import { dismissComment, reviewComments } from './resolvers/comments.js';
import { issueSummary, saveState } from './resolvers/issue.js';

const resolver = new Resolver();

resolver.define('getSummary', ({ context }) => issueSummary(context.extension.issue.key));
resolver.define('saveState', ({ payload, context }) => saveState(context.extension.issue.key, payload));
resolver.define('getComments', ({ context }) => reviewComments(context.extension.issue.key));
resolver.define('dismiss', ({ payload, context }) => dismissComment(context.extension.issue.key, payload.id));

export const handler = resolver.getDefinitions();
