// The answer of authentication.k8s.io's @virtual kind. kapi has no authentication yet, so every
// requester is who Kubernetes calls an unauthenticated user.
import type * as internal from '../../generated/authentication.k8s.io/internal/types.js';

/** `kubectl auth whoami`: the anonymous user. */
export function createSelfSubjectReview(review: internal.SelfSubjectReview): internal.SelfSubjectReview {
  review.status = { userInfo: { username: 'system:anonymous', groups: ['system:unauthenticated'] } };
  return review;
}
