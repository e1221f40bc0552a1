// The answers of authorization.k8s.io's @virtual kinds: each `create<Kind>` hook receives the
// created review (internal shape) and returns it with `status` filled. kapi has no authorization
// yet, so every action is allowed.
import type * as internal from '../../generated/authorization.k8s.io/internal/types.js';

const EVERYTHING_ALLOWED = 'kapi has no authorization: everything is allowed';

/** `kubectl auth can-i <verb> <resource>`: always yes. */
export function createSelfSubjectAccessReview(review: internal.SelfSubjectAccessReview): internal.SelfSubjectAccessReview {
  review.status = { allowed: true, reason: EVERYTHING_ALLOWED };
  return review;
}

/** `kubectl auth can-i --list`: every verb on every resource and every non-resource URL. */
export function createSelfSubjectRulesReview(review: internal.SelfSubjectRulesReview): internal.SelfSubjectRulesReview {
  review.status = {
    resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
    nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
    incomplete: false,
  };
  return review;
}
