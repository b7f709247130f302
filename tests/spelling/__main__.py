import sys

from tests.spelling import main

main(sys.argv[1], sys.argv[2:])
