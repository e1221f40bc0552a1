import { expect } from 'chai';
import { resolveRequestInfo } from '../../runtime/endpoints/requestinfo.js';

function info(method: string, url: string) {
  const u = new URL(url, 'http://x');
  return resolveRequestInfo(method, u.pathname, u.searchParams);
}

describe('requestinfo', () => {
  it('resolves core namespaced collection and object paths', () => {
    expect(info('GET', '/api/v1/namespaces/default/configmaps')).to.include({
      isResourceRequest: true, verb: 'list', apiPrefix: 'api', group: '', version: 'v1',
      namespace: 'default', namespaced: true, resource: 'configmaps', name: '', subresource: '',
    });
    expect(info('GET', '/api/v1/namespaces/default/configmaps/c1')).to.include({ verb: 'get', name: 'c1' });
    expect(info('PUT', '/api/v1/namespaces/default/configmaps/c1')).to.include({ verb: 'update' });
    expect(info('PATCH', '/api/v1/namespaces/default/configmaps/c1')).to.include({ verb: 'patch' });
    expect(info('DELETE', '/api/v1/namespaces/default/configmaps/c1')).to.include({ verb: 'delete' });
    expect(info('DELETE', '/api/v1/namespaces/default/configmaps')).to.include({ verb: 'deletecollection' });
    expect(info('POST', '/api/v1/namespaces/default/configmaps')).to.include({ verb: 'create' });
  });

  it('resolves named groups, subresources and cluster-wide lists', () => {
    expect(info('PUT', '/apis/example.com/v1/namespaces/ns1/widgets/w1/status')).to.include({
      apiPrefix: 'apis', group: 'example.com', version: 'v1', namespace: 'ns1', resource: 'widgets', name: 'w1', subresource: 'status', verb: 'update',
    });
    expect(info('GET', '/apis/example.com/v1/widgets')).to.include({ verb: 'list', namespace: '', namespaced: false, resource: 'widgets' });
    expect(info('GET', '/apis/example.com/v1/gadgets/g1')).to.include({ verb: 'get', namespace: '', resource: 'gadgets', name: 'g1' });
  });

  it('treats the namespace object and its status as cluster-scoped namespaces', () => {
    expect(info('GET', '/api/v1/namespaces')).to.include({ verb: 'list', resource: 'namespaces', namespace: '' });
    expect(info('GET', '/api/v1/namespaces/foo')).to.include({ verb: 'get', resource: 'namespaces', name: 'foo', namespace: 'foo', namespaced: false });
    expect(info('PUT', '/api/v1/namespaces/foo/status')).to.include({ resource: 'namespaces', name: 'foo', subresource: 'status', namespaced: false });
    expect(info('PUT', '/api/v1/namespaces/foo/finalize')).to.include({ resource: 'namespaces', subresource: 'finalize' });
  });

  it('turns ?watch=true and the /watch/ prefix into watch', () => {
    expect(info('GET', '/api/v1/namespaces/default/configmaps?watch=true')).to.include({ verb: 'watch' });
    expect(info('GET', '/api/v1/configmaps?watch=1')).to.include({ verb: 'watch' });
    expect(info('GET', '/api/v1/configmaps?watch=false')).to.include({ verb: 'list' });
    expect(info('GET', '/api/v1/watch/namespaces/default/configmaps')).to.include({ verb: 'watch', resource: 'configmaps', namespace: 'default' });
  });

  it('marks discovery and other paths as non-resource requests', () => {
    for (const p of ['/', '/api', '/api/v1', '/apis', '/apis/example.com', '/apis/example.com/v1', '/healthz', '/version', '/openapi/v3']) {
      expect(info('GET', p).isResourceRequest, p).to.equal(false);
    }
    expect(info('GET', '/healthz').verb).to.equal('get');
  });

  it('keeps extra path parts for the router to reject', () => {
    expect(info('GET', '/api/v1/namespaces/default/configmaps/c1/status/extra').parts).to.deep.equal(['configmaps', 'c1', 'status', 'extra']);
  });
});
