// Kubernetes' protobuf envelope: the 4 magic bytes `k8s\0`, then a runtime.Unknown message
// { typeMeta=1 {apiVersion=1, kind=2}, raw=2, contentEncoding=3, contentType=4 } whose `raw`
// holds the object's own message (which has no apiVersion/kind fields of its own).
import { ProtoReader, ProtobufError } from './protobuf.js';

export const PROTOBUF_MAGIC = Uint8Array.from([0x6b, 0x38, 0x73, 0x00]); // "k8s\0"

export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

/** Splits a request body into its type meta and raw object bytes; throws ProtobufError. */
export function readProtobufEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufError(`the data does not start with the Kubernetes protobuf prefix ${JSON.stringify([...PROTOBUF_MAGIC])}`);
  }
  const r = new ProtoReader(body.subarray(PROTOBUF_MAGIC.length));
  const envelope: ProtobufEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array(0) };
  let contentEncoding = '';
  let contentType = '';
  while (r.next()) {
    switch (r.field) {
      case 1: {
        const meta = r.embedded();
        while (meta.next()) {
          if (meta.field === 1) envelope.apiVersion = meta.string();
          else if (meta.field === 2) envelope.kind = meta.string();
          else meta.skip();
        }
        break;
      }
      case 2:
        envelope.raw = r.rawBytes();
        break;
      case 3:
        contentEncoding = r.string();
        break;
      case 4:
        contentType = r.string();
        break;
      default:
        r.skip();
    }
  }
  if (contentEncoding !== '') throw new ProtobufError(`unsupported content encoding ${JSON.stringify(contentEncoding)}`);
  if (contentType !== '' && contentType !== 'application/vnd.kubernetes.protobuf') {
    throw new ProtobufError(`unsupported content type ${JSON.stringify(contentType)} inside the envelope`);
  }
  return envelope;
}
