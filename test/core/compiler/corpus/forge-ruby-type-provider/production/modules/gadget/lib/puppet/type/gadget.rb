# A module's Ruby type whose namevar is `path` (as concat_file's), ensurable.
Puppet::Type.newtype(:gadget) do
  @doc = 'A gadget at a path.'
  ensurable
  newparam(:path, namevar: true) do
    desc 'Where the gadget lives.'
  end
  newparam(:size) do
    desc 'How big.'
  end
  newproperty(:colour) do
    desc 'Its colour.'
  end
end
