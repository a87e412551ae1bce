"""Django's JSON serializer, made lossless for backups.

Django's own encoder cuts datetimes and times to milliseconds; a restored audit trail would then
differ from the original in its timestamps. This module keeps microseconds and is registered as the
"json" format (settings.SERIALIZATION_MODULES), so `dumpdata`, `loaddata` and `cosp backup` use it.
"""

import datetime

from django.core.serializers import json
from django.core.serializers.json import DjangoJSONEncoder


class LosslessJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(json.Serializer):
    def _init_options(self):
        self.options.setdefault("cls", LosslessJSONEncoder)
        super()._init_options()


Deserializer = json.Deserializer
