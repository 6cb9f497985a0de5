// Every query in PuppetDB's PQL documentation (documentation/api/query/
// examples-pql.markdown, tutorial-pql.markdown, v4/pql.markdown of
// puppetlabs/puppetdb), which PuppetDB's users copy from.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePql } from '../../../core/pql/pql-parser.js';

const documented: readonly string[] = [
  "resources {}",
  "resources { type = \"User\" and title = \"nick\" }",
  "resources {\n  type = \"User\" and\n  title = \"nick\" and\n  !(file = \"/etc/puppetlabs/code/environments/production/manifests/user.pp\" and line = 111)\n}",
  "resources {\n  tag = \"foo\" and\n  exported = true\n}",
  "resources {\n  certname = \"www1.example.com\" or\n  certname = \"www2.example.com\" or\n  certname = \"www3.example.com\"\n}",
  "resources {\n  certname ~ 'www\\d+.example.com'\n}",
  "resources[certname, type, title] {\n  type = \"Class\" and\n  title = \"Apache\"\n}",
  "facts { certname = \"foo.example.com\" }",
  "facts {\n  name = \"operatingsystem\" and\n  value = \"Debian\"\n}",
  "facts {\n  name = \"uptime_seconds\" and\n  value >= 100000 and\n  value < 1000000\n}",
  "nodes {\n  certname = \"foo.example.com\"\n}",
  "resources {\n  type = \"Class\" and\n  title = \"Apache\"\n}",
  "facts {\n  name = \"ipaddress\" and\n  (certname = \"a.example.com\" or\n   certname = \"b.example.com\" or\n   certname = \"c.example.com\" or\n   certname = \"d.example.com\" or\n   certname = \"e.example.com\")\n}",
  "facts {\n  name = \"ipaddress\" and\n  certname in resources[certname] { type = \"Class\" and title = \"Apache\" }\n}",
  "nodes {\n  facts {\n    name = \"operatingsystem\" and\n    value = \"Debian\"\n  }\n}",
  "nodes {\n  facts { name = \"operatingsystem\" and value = \"Debian\" } and\n  resources { type = \"Class\" and title = \"Apache\" }\n}",
  "nodes[certname] { certname ~ \"^web\" }",
  "nodes {}",
  "facts[name, count()] { group by name }",
  "nodes[certname] {}",
  "facts[name, value] {}",
  "nodes[count()] { certname ~ \"web.*\" }",
  "nodes { certname = \"foo\" }",
  "nodes { certname ~ \"foo.*\" }",
  "nodes { certname in [\"foo\", \"bar\", \"baz\"] }",
  "nodes { certname in facts[certname] { value = \"foo\" } }",
  "facts { [certname, name] in fact_contents[certname, name] { value ~ \"a\" } }",
  "nodes { deactivated is null }",
  "nodes { deactivated is not null }",
  "fact_contents { path ~> [\"networking\",\"interfaces\",\".*\",\"mac\"] }",
  "fact_contents { path ~> [\"disks\",\".*\",\"size\"] }",
  "facts { name ~ \"^operating\" and ( name ~ \"system\" or value = \"FlowerOS\" ) }",
  "facts { value = \"first line\\nsecondline\" }",
  "facts { value = 'first line\\nstill on first line' }",
  "nodes {\n  facts { name = \"operatingsystem\" and value = \"Debian\" }\n}",
  "nodes {\n  facts { name = \"operatingsystem\" and value = \"Debian\" } and\n  certname ~ \"^web\"\n}",
  "nodes {\n  facts { name = \"operatingsystem\" and value = \"Debian\" } and\n  resources { type = \"Package\" and title = \"tomcat\" } and\n  certname ~ \"^web\"\n}",
  "facts[name] { group by name }",
  "facts[name, count(value)] { certname ~ \"^web.*\" group by name }",
  "reports[count(), to_string(receive_time, \"DAY\")]{group by to_string(receive_time, \"DAY\")}",
  "facts[] {}",
  "facts {}",
  "facts { value >= 4 }",
  "facts { value < 4 }",
  "facts { value <= 4 }",
  "reports {certname = \"foo.com\" limit 10}",
  "reports {certname = \"foo.com\" limit 10 offset 10}",
  "reports {certname = \"foo.com\" offset 10 limit 10}",
  "reports {certname = \"foo.com\" order by receive_time}",
  "reports {certname ~ \"web.*\" order by receive_time, certname desc}",
  "reports {certname ~ \"web.*\" order by receive_time desc, certname desc limit 10}",
];

describe('PQL examples from PuppetDB\'s documentation', () => {
  for (const pql of documented) {
    it(`reads ${JSON.stringify(pql)}`, () => {
      const r = parsePql(pql);
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      assert.equal(r.value[0], 'from');
      assert.equal(r.value[1], /^\s*([a-z_]+)/.exec(pql)?.[1]);
    });
  }
});
