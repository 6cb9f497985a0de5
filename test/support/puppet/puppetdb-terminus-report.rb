# Converts a Puppet report (report format 12 JSON, ARGV[0]) into the
# store_report v8 command body with the PuppetDB terminus's own report
# processor (Debian's puppet-terminus-puppetdb), and prints it as JSON.
# Usage: ruby puppetdb-terminus-report.rb REPORT.json SCRATCH_DIR PRODUCER_TIMESTAMP
require 'puppet'
require 'json'
require 'time'
Puppet.initialize_settings(['--confdir', ARGV[1], '--vardir', ARGV[1], '--codedir', ARGV[1]])
require 'puppet/util/puppetdb'
report = Puppet::Transaction::Report.from_data_hash(JSON.parse(File.read(ARGV[0])))
report.extend(Puppet::Reports.report(:puppetdb))
puts JSON.generate(report.send(:report_to_hash, Time.parse(ARGV[2])))
