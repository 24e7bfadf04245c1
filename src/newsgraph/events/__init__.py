"""Political events (PLOVER types with CAMEO codes): who did what to whom, where and when.

The 'events' component (component.py) fills Document.events with `Event` records; evaluate.py
scores them against PLOVER gold sentences and NGEC stories; export.py turns them into GDELT 2.0
rows and PLOVER JSON records; classify.py gives a story-level type.
"""

from .cameo import goldstein, quad_class
from .export import gdelt_row, plover_record
from .records import MODALITIES, Event, Trigger

__all__ = ["Event", "MODALITIES", "Trigger", "gdelt_row", "goldstein", "plover_record", "quad_class"]
