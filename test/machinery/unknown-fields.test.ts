import { expect } from 'chai';
import { unknownFields } from '../../runtime/machinery/serializer.js';
import { exampleGroup, coreGroup } from '../fixtures/registration/example.js';

describe('machinery/unknownFields', () => {
  const v2 = exampleGroup.schemas.v2;

  it('finds nothing in a fully known object', () => {
    const obj = {
      apiVersion: 'example.com/v2',
      kind: 'Widget',
      metadata: { name: 'w', labels: { a: 'b' }, managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:x': {} } } }] },
      spec: { replicas: 1, port: 'http', rules: [{ host: 'h' }], selector: { x: { path: '/' } }, config: { any: { thing: 1 } } },
      status: { ready: true },
    };
    expect(unknownFields(obj, 'com.example.v2.Widget', v2)).to.deep.equal([]);
  });

  it('reports dotted paths for unknown fields at every level', () => {
    const obj = {
      apiVersion: 'example.com/v2',
      kind: 'Widget',
      extra: 1,
      metadata: { name: 'w', nam: 'typo' },
      spec: { replicas: 1, size: 2, foo: { bar: 1 }, rules: [{ host: 'h' }, { host: 'i', bar: true }], selector: { app: { hots: 'x' } } },
    };
    expect(unknownFields(obj, 'com.example.v2.Widget', v2).sort()).to.deep.equal(
      ['extra', 'metadata.nam', 'spec.foo', 'spec.rules[1].bar', 'spec.selector[app].hots', 'spec.size'].sort(),
    );
  });

  it('uses the schema of the right version', () => {
    const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: {}, spec: { size: 1, replicas: 2 } };
    expect(unknownFields(obj, 'com.example.v1.Widget', exampleGroup.schemas.v1)).to.deep.equal(['spec.replicas']);
  });

  it('follows a list schema into items', () => {
    const list = { apiVersion: 'example.com/v2', kind: 'WidgetList', metadata: { resourceVersion: '1', x: 1 }, items: [{ spec: { y: 1 } }] };
    expect(unknownFields(list, 'com.example.v2.WidgetList', v2).sort()).to.deep.equal(['items[0].spec.y', 'metadata.x']);
  });

  it('treats __proto__ as an ordinary unknown key and tolerates unknown schema names', () => {
    const obj = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{},"__proto__":{"x":1},"data":{"k":"v"}}') as Record<string, unknown>;
    expect(unknownFields(obj, 'io.k8s.api.core.v1.ConfigMap', coreGroup.schemas.v1)).to.deep.equal(['__proto__']);
    expect(unknownFields(obj, 'no.such.Schema', coreGroup.schemas.v1)).to.deep.equal([]);
  });
});
