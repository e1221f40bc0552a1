// authentication.k8s.io/v1 SelfSubjectReview: the server tells the requester who it takes them
// for. JSON names and protobuf numbers follow Kubernetes' types so kubectl's requests (sent as
// protobuf) decode unchanged. UserInfo's `extra` is left out: kapi never has any to report.
import type { ObjectMeta, TypeMeta } from '../../_meta/types.js';

/**
 * Asks who the requesting user is. Not stored: the answer is in `status`.
 * @scope Cluster
 * @virtual
 */
export interface SelfSubjectReview extends TypeMeta {
  /**
   * Standard object metadata.
   * @protobuf 1
   */
  metadata: ObjectMeta;
  /**
   * The server's answer.
   * @protobuf 2
   */
  status?: SelfSubjectReviewStatus;
}

/** What the server knows of the requester. */
export interface SelfSubjectReviewStatus {
  /**
   * The user the request was authenticated as.
   * @protobuf 1
   */
  userInfo?: UserInfo;
}

/** A user as authentication describes it. */
export interface UserInfo {
  /**
   * The name that identifies the user among all active users.
   * @protobuf 1
   */
  username?: string;
  /**
   * A unique value that identifies the user across time.
   * @protobuf 2
   */
  uid?: string;
  /**
   * The groups the user belongs to.
   * @protobuf 3
   */
  groups?: string[];
}
