package { 'ntp-pkg': name => 'ntp' }
package { 'ntp': }
