Puppet::Type.type(:gadget).provide(:posix) do
  desc 'Gadgets on POSIX systems.'
end
