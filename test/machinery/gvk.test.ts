import { expect } from 'chai';
import { formatApiVersion, formatGVK, parseApiVersion, qualifiedKind, qualifiedResource } from '../../runtime/machinery/gvk.js';

describe('machinery/gvk', () => {
  it('parses and formats apiVersion', () => {
    expect(parseApiVersion('v1')).to.deep.equal({ group: '', version: 'v1' });
    expect(parseApiVersion('example.com/v1')).to.deep.equal({ group: 'example.com', version: 'v1' });
    expect(() => parseApiVersion('a/b/c')).to.throw('unexpected GroupVersion string: a/b/c');
    expect(formatApiVersion({ group: '', version: 'v1' })).to.equal('v1');
    expect(formatApiVersion({ group: 'apps', version: 'v1' })).to.equal('apps/v1');
    expect(formatGVK({ group: 'apps', version: 'v1', kind: 'Deployment' })).to.equal('apps/v1, Kind=Deployment');
  });

  it('qualifies resources and kinds', () => {
    expect(qualifiedResource('example.com', 'widgets')).to.equal('widgets.example.com');
    expect(qualifiedResource('', 'configmaps')).to.equal('configmaps');
    expect(qualifiedKind('example.com', 'Widget')).to.equal('Widget.example.com');
    expect(qualifiedKind('', 'ConfigMap')).to.equal('ConfigMap');
  });
});
