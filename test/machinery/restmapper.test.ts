import { expect } from 'chai';
import { RESTMapper } from '../../runtime/machinery/restmapper.js';
import { Scheme } from '../../runtime/machinery/scheme.js';
import { testGroups } from '../fixtures/registration/example.js';

describe('machinery/restmapper', () => {
  const mapper = new RESTMapper(new Scheme(testGroups));
  const gvks = (name: string): string[] => mapper.lookup(name).map((m) => `${m.gvk.group}/${m.gvk.version}/${m.gvk.kind}`);

  it('maps an exact group/version/resource', () => {
    const m = mapper.mappingFor({ group: 'example.com', version: 'v1', resource: 'widgets' });
    expect(m?.gvk).to.deep.equal({ group: 'example.com', version: 'v1', kind: 'Widget' });
    expect(m?.versioned.version).to.equal('v1');
    expect(m?.kind.scope).to.equal('Namespaced');
    expect(mapper.mappingFor({ group: 'example.com', version: 'v3', resource: 'widgets' })).to.equal(undefined);
    expect(mapper.mappingFor({ group: '', version: 'v1', resource: 'configmaps' })?.resource).to.deep.equal({
      group: '',
      version: 'v1',
      resource: 'configmaps',
    });
  });

  it('looks up plural, singular, short name and kind, at the preferred version', () => {
    for (const name of ['widgets', 'widget', 'wd', 'Widget', 'WIDGETS', 'WD']) {
      expect(gvks(name), name).to.deep.equal(['example.com/v2/Widget']);
    }
    expect(gvks('cm')).to.deep.equal(['/v1/ConfigMap']);
    expect(gvks('configmap')).to.deep.equal(['/v1/ConfigMap']);
    expect(gvks('nothing')).to.deep.equal([]);
    expect(gvks('')).to.deep.equal([]);
  });

  it('looks up resource.group and resource.version.group', () => {
    expect(gvks('widgets.example.com')).to.deep.equal(['example.com/v2/Widget']);
    expect(gvks('widgets.v1.example.com')).to.deep.equal(['example.com/v1/Widget']);
    expect(gvks('Widget.v1.example.com')).to.deep.equal(['example.com/v1/Widget']);
    expect(gvks('wd.example.com')).to.deep.equal(['example.com/v2/Widget']);
    expect(gvks('widgets.v9.example.com')).to.deep.equal([]);
    expect(gvks('widgets.other.io')).to.deep.equal([]);
    expect(gvks('widgets.example')).to.deep.equal(['example.com/v2/Widget'], 'leading part of the group');
  });

  it('maps a kind, picking the preferred version when none is given', () => {
    expect(mapper.mappingForKind({ group: 'example.com', version: 'v1', kind: 'Widget' })?.resource.resource).to.equal('widgets');
    expect(mapper.mappingForKind({ group: 'example.com', version: '', kind: 'Widget' })?.gvk.version).to.equal('v2');
    expect(mapper.mappingForKind({ group: 'example.com', version: 'v1', kind: 'Gadget' })).to.equal(undefined);
  });
});
