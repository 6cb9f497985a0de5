"""Drives Troupe's reports, events and event-counts endpoints through
pypuppetdb (Puppetboard's client library), making the calls Puppetboard's
report, node and overview pages make, and prints what it saw as one JSON
object for the e2e test to assert on.

Usage: /usr/bin/python3 pypuppetdb-reports-client.py HOST PORT NODE
"""
import json
import sys

from pypuppetdb import connect
from pypuppetdb.QueryBuilder import EqualsOperator

host, port, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = connect(host=host, port=port)

node = db.node(name)
node_reports = list(node.reports(order_by='[{"field": "start_time", "order": "desc"}]'))
latest = node_reports[0]


def event(e):
    return [e.item['type'], e.item['title'], e.status, e.item['class'], e.item['old'], e.item['new']]


print(json.dumps({
    'reports': sorted([r.node, r.status, r.version, r.format_, len(r.hash_)] for r in db.reports()),
    'node_reports': [[r.status, r.agent_version, r.transaction] for r in node_reports],
    'latest_metrics': sorted([m['category'], m['name'], m['value']] for m in latest.metrics),
    'latest_logs': [log['message'] for log in latest.logs],
    'older_events': sorted(event(e) for e in node_reports[-1].events()),
    'latest_events': sorted(event(e) for e in latest.events()),
    'failures': sorted([e.node, e.item['title']] for e in db.events(query=EqualsOperator('status', 'failure'))),
    'counts_by_certname': sorted([c['subject']['title'], c['failures'], c['successes'], c['noops'], c['skips']]
                                 for c in db.event_counts('certname', query=EqualsOperator('latest_report?', True))),
    'counts_by_class': sorted([c['subject']['title'], c['successes']] for c in db.event_counts('containing_class')),
    'counts_by_resource_filtered': sorted([c['subject']['type'], c['subject']['title']]
                                          for c in db.event_counts('resource', count_filter='[">", "failures", 0]')),
    'aggregate': db.aggregate_event_counts('certname'),
    'node_status': sorted([n.name, n.status] for n in db.nodes(with_status=True, unreported=24 * 365 * 10)),
}))
