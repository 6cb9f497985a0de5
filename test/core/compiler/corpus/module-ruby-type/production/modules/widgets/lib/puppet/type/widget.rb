Puppet::Type.newtype(:widget) do
  @doc = 'A test type shipped in a module.'
  newparam(:name, namevar: true)
  newproperty(:color)
end
