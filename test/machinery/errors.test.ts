import { expect } from 'chai';
import {
  OBJECT_MODIFIED,
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  generateNameConflict,
  gone,
  internalError,
  invalid,
  methodNotSupported,
  notAcceptable,
  notFound,
  pathNotFound,
  requestEntityTooLarge,
  successStatus,
  toStatusError,
  unauthorized,
  unsupportedMediaType,
  verbNotSupported,
} from '../../runtime/machinery/errors.js';

/** The JSON text a response would carry: key order matters for byte-level comparison. */
function wire(e: StatusError): string {
  return JSON.stringify(e.status);
}

describe('machinery/errors', () => {
  it('notFound matches kube-apiserver byte for byte', () => {
    const e = notFound('example.com', 'widgets', 'w1');
    expect(e).to.be.instanceOf(Error);
    expect(e.code).to.equal(404);
    expect(e.message).to.equal('widgets.example.com "w1" not found');
    expect(wire(e)).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"widgets.example.com \\"w1\\" not found","reason":"NotFound","details":{"name":"w1","group":"example.com","kind":"widgets"},"code":404}',
    );
  });

  it('core group errors omit the empty group', () => {
    const e = notFound('', 'configmaps', 'c');
    expect(e.status.message).to.equal('configmaps "c" not found');
    expect(e.status.details).to.deep.equal({ name: 'c', kind: 'configmaps' });
  });

  it('alreadyExists and generateNameConflict', () => {
    const e = alreadyExists('example.com', 'widgets', 'w1');
    expect(e.status).to.include({ code: 409, reason: 'AlreadyExists', message: 'widgets.example.com "w1" already exists' });
    expect(e.status.details).to.deep.equal({ name: 'w1', group: 'example.com', kind: 'widgets' });
    const g = generateNameConflict('example.com', 'widgets', 'w-abcde', 1);
    expect(g.status.message).to.match(/already exists, the server was not able to generate a unique name for the object$/);
    expect(g.status.details?.retryAfterSeconds).to.equal(1);
  });

  it('conflict with the optimistic-concurrency text', () => {
    const e = conflict('example.com', 'widgets', 'w1', OBJECT_MODIFIED);
    expect(e.status).to.include({ code: 409, reason: 'Conflict' });
    expect(e.status.message).to.equal(
      'Operation cannot be fulfilled on widgets.example.com "w1": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('invalid with one cause', () => {
    const e = invalid('example.com', 'Widget', 'w1', [
      { type: 'FieldValueInvalid', field: 'spec.size', message: 'Invalid value: -1: should be greater than or equal to 0' },
    ]);
    expect(e.code).to.equal(422);
    expect(wire(e)).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Widget.example.com \\"w1\\" is invalid: spec.size: Invalid value: -1: should be greater than or equal to 0","reason":"Invalid","details":{"name":"w1","group":"example.com","kind":"Widget","causes":[{"reason":"FieldValueInvalid","message":"Invalid value: -1: should be greater than or equal to 0","field":"spec.size"}]},"code":422}',
    );
  });

  it('invalid with several causes prints an aggregate in brackets, duplicates once', () => {
    const req = { type: 'FieldValueRequired' as const, field: 'spec.rules[0].http.paths[0].pathType', message: 'Required value' };
    const e = invalid('networking.k8s.io', 'Ingress', 'i', [
      req,
      { type: 'FieldValueInvalid', field: 'metadata.name', message: 'Invalid value: "A": must be lower case' },
      req,
    ]);
    expect(e.status.message).to.equal(
      'Ingress.networking.k8s.io "i" is invalid: [spec.rules[0].http.paths[0].pathType: Required value, metadata.name: Invalid value: "A": must be lower case]',
    );
    expect(e.status.details?.causes).to.have.length(3);
  });

  it('invalid without causes, and in the core group', () => {
    expect(invalid('', 'ConfigMap', 'c', []).status.message).to.equal('ConfigMap "c" is invalid');
    expect(invalid('', 'ConfigMap', 'c', []).status.details).to.deep.equal({ name: 'c', kind: 'ConfigMap' });
  });

  it('badRequest has no details', () => {
    expect(wire(badRequest('bad'))).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"bad","reason":"BadRequest","code":400}',
    );
  });

  it('methodNotSupported is the generic 405 with empty details', () => {
    expect(wire(methodNotSupported('example.com', 'widgets', 'deletecollection'))).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server does not allow this method on the requested resource","reason":"MethodNotAllowed","details":{},"code":405}',
    );
    const v = verbNotSupported('example.com', 'widgets', 'delete');
    expect(v.status).to.include({ code: 405, reason: 'MethodNotAllowed', message: 'delete is not supported on resources of kind "widgets.example.com"' });
  });

  it('notAcceptable, unsupportedMediaType, requestEntityTooLarge, gone', () => {
    expect(notAcceptable('only the following media types are accepted: application/json').status).to.include({
      code: 406,
      reason: 'NotAcceptable',
    });
    const u = unsupportedMediaType('text/plain', ['application/json', 'application/yaml']);
    expect(u.status).to.include({
      code: 415,
      reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    });
    expect(requestEntityTooLarge('limit is 3145728').status).to.include({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: limit is 3145728',
    });
    expect(gone('too old resource version: 1 (5)').status).to.include({ code: 410, reason: 'Expired' });
  });

  it('forbidden message forms', () => {
    expect(forbidden('example.com', 'widgets', 'w1', 'nope').status).to.include({
      code: 403,
      reason: 'Forbidden',
      message: 'widgets.example.com "w1" is forbidden: nope',
    });
    expect(forbidden('example.com', 'widgets', '', 'nope').status.message).to.equal('widgets.example.com is forbidden: nope');
    expect(forbidden('', '', '', 'nope').status.message).to.equal('forbidden: nope');
    expect(unauthorized().status).to.include({ code: 401, reason: 'Unauthorized' });
  });

  it('pathNotFound is the generic 404', () => {
    expect(wire(pathNotFound())).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}',
    );
  });

  it('internalError and toStatusError', () => {
    const e = internalError(new Error('boom'));
    expect(e.status).to.include({ code: 500, reason: 'InternalError', message: 'Internal error occurred: boom' });
    expect(e.status.details).to.deep.equal({ causes: [{ message: 'boom' }] });
    const nf = notFound('', 'configmaps', 'x');
    expect(toStatusError(nf)).to.equal(nf);
    expect(toStatusError('weird').code).to.equal(500);
  });

  it('successStatus', () => {
    expect(JSON.stringify(successStatus({ name: 'w1', group: 'example.com', kind: 'widgets', uid: 'u' }))).to.equal(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"w1","group":"example.com","kind":"widgets","uid":"u"},"code":200}',
    );
    expect(successStatus()).to.deep.equal({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 });
  });
});
