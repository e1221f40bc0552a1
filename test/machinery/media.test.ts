import { expect } from 'chai';
import { StatusError } from '../../runtime/machinery/errors.js';
import { requestMediaType, responseMediaType } from '../../runtime/machinery/serializer.js';

function failure(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

describe('machinery/media negotiation', () => {
  it('request Content-Type', () => {
    expect(requestMediaType(undefined)).to.equal('application/json');
    expect(requestMediaType('')).to.equal('application/json');
    expect(requestMediaType('application/json')).to.equal('application/json');
    expect(requestMediaType('application/json; charset=utf-8')).to.equal('application/json');
    expect(requestMediaType('Application/YAML')).to.equal('application/yaml');
    for (const ct of ['text/plain', 'application/xml', 'application/vnd.kubernetes.protobuf', 'garbage']) {
      const e = failure(() => requestMediaType(ct));
      expect(e.status, ct).to.include({
        code: 415,
        reason: 'UnsupportedMediaType',
        message: 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
      });
    }
  });

  it('Accept: defaults, wildcards and explicit types', () => {
    const json = { mediaType: 'application/json', asTable: false };
    const yaml = { mediaType: 'application/yaml', asTable: false };
    expect(responseMediaType(undefined)).to.deep.equal(json);
    expect(responseMediaType('')).to.deep.equal(json);
    expect(responseMediaType('*/*')).to.deep.equal(json);
    expect(responseMediaType('application/*')).to.deep.equal(json);
    expect(responseMediaType('application/json')).to.deep.equal(json);
    expect(responseMediaType('application/yaml')).to.deep.equal(yaml);
    expect(responseMediaType('application/json;stream=watch')).to.deep.equal(json);
    expect(responseMediaType('text/html, application/yaml;q=0.9, */*;q=0.1')).to.deep.equal(yaml);
  });

  it('Accept: q-values and specificity decide', () => {
    expect(responseMediaType('application/json;q=0.5, application/yaml').mediaType).to.equal('application/yaml');
    expect(responseMediaType('*/*, application/yaml').mediaType).to.equal('application/yaml');
    expect(responseMediaType('application/yaml;q=0, application/json;q=0.1').mediaType).to.equal('application/json');
  });

  it('kubectl protobuf-first Accept picks JSON', () => {
    expect(responseMediaType('application/vnd.kubernetes.protobuf,application/json')).to.deep.equal({
      mediaType: 'application/json',
      asTable: false,
    });
    expect(responseMediaType('application/vnd.kubernetes.protobuf, */*').mediaType).to.equal('application/json');
  });

  it('reports a Table request', () => {
    const kubectlGet =
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
    expect(responseMediaType(kubectlGet)).to.deep.equal({ mediaType: 'application/json', asTable: true });
    expect(responseMediaType('application/json; as=Table; g=meta.k8s.io; v=v1')).to.deep.equal({ mediaType: 'application/json', asTable: true });
    expect(responseMediaType('application/yaml;as=Table;v=v1;g=meta.k8s.io').asTable).to.equal(true);
    // transforms we do not serve fall through to the next clause
    expect(responseMediaType('application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json')).to.deep.equal({
      mediaType: 'application/json',
      asTable: false,
    });
    expect(responseMediaType('application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io,application/json').asTable).to.equal(false);
  });

  it('406 when nothing is acceptable', () => {
    for (const accept of ['text/html', 'application/vnd.kubernetes.protobuf', 'application/json;q=0', 'application/json;as=Table;v=v1beta1;g=meta.k8s.io']) {
      const e = failure(() => responseMediaType(accept));
      expect(e.status, accept).to.include({
        code: 406,
        reason: 'NotAcceptable',
        message: 'only the following media types are accepted: application/json, application/yaml',
      });
    }
  });
});
