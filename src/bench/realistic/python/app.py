import json, sys
import numpy, yaml, jinja2
print(json.dumps({"numpy": numpy.__version__, "yaml": yaml.__version__, "jinja2": jinja2.__version__}))
