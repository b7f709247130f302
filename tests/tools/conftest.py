import sys

from tests import site

# The tools package is imported from its source tree, as the build and the wheel see it.
sys.path.insert(0, str(site.ROOT / "tools"))
