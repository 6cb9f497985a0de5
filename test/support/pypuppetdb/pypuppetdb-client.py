"""Drives Troupe's PuppetDB query API through pypuppetdb (Puppetboard's client
library), making the calls Puppetboard's pages make, and prints what it saw
as one JSON object for the e2e test to assert on.

Usage: /usr/bin/python3 pypuppetdb-client.py HOST PORT NODE
"""
import json
import sys

from pypuppetdb import connect
from pypuppetdb.QueryBuilder import AndOperator, EqualsOperator

host, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = connect(host=host, port=port)

node = db.node(name)
catalog = db.catalog(name)
query = AndOperator()
query.add(EqualsOperator('catalog_environment', 'dev'))
query.add(EqualsOperator(['node', 'active'], True))

def metric_error(name):
    try:
        db.metric(name)
        return None
    except Exception as e:
        return type(e).__name__


print(json.dumps({
    'nodes': sorted(n.name for n in db.nodes()),
    'nodes_with_status': sorted([n.name, n.status] for n in db.nodes(with_status=True, with_event_numbers=False, unreported=None)),
    'node': {
        'name': node.name,
        'catalog_environment': node.catalog_environment,
        'facts_timestamp': node.facts_timestamp.isoformat(),
        'deactivated': node.deactivated,
        'facts': sorted(f.name for f in node.facts()),
        'resources': sorted(str(r) for r in node.resources()),
        'kernel': node.fact('kernel').value,
    },
    'facts_os': sorted([f.node, f.value['family']] for f in db.facts('os')),
    'facts_kernel_linux': sorted(f.node for f in db.facts('kernel', 'Linux')),
    'fact_names': db.fact_names(),
    'fact_paths': len(db.fact_paths()),
    'inventory': sorted([i.node, i.facts['os']['family'], i.environment] for i in db.inventory()),
    'resources_class': sorted(str(r) + '@' + r.node for r in db.resources('Class')),
    'resources_nginx': sorted(r.node for r in db.resources('Class', 'Nginx')),
    'catalog': {
        'node': catalog.node,
        'environment': catalog.environment,
        'resources': sorted(catalog.resources.keys()),
        'edges': len(catalog.edges),
    },
    'environments': sorted(e['name'] for e in db.environments()),
    'ast_query': sorted(n['certname'] for n in db._query('nodes', query=str(query))),
    'paged': [db._query('nodes', limit=1, order_by='[{"field": "certname", "order": "desc"}]', include_total=True)[0]['certname'], db.total],
    'version': db.current_version(),
    # pypuppetdb 2.2's server_time() reads a missing attribute; the endpoint is called directly.
    'server_time': bool(db._query('server-time')['server_time']),
    # Puppetboard's overview: the population MBeans (metrics API v2, Jolokia), and its metrics page's list.
    'population': [db.metric('puppetlabs.puppetdb.population:name=' + n)['Value'] for n in ('num-nodes', 'num-resources', 'avg-resources-per-node')],
    'metrics_list': sorted(db.metric()['puppetlabs.puppetdb.population'].keys()),
    'metric_unknown': metric_error('puppetlabs.puppetdb.population:name=no-such'),
}))
