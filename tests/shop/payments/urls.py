"""Test-only URLs: the emulator, the project's payment callbacks, and a notify receiver that
records what it received, and what the emulator had recorded of its attempt by then, and
answers ``success`` as a working shop would."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

from shop.payments.emulator.models import NotifyAttempt

RECEIVED = []
#: For each notify received: the bodies of the attempts the emulator had recorded of it then.
ATTEMPTS_RECORDED = []


@csrf_exempt
def notify_receiver(request):
    RECEIVED.append(request.POST.dict())
    attempts = NotifyAttempt.objects.filter(notify_id=request.POST.get("notify_id"))
    ATTEMPTS_RECORDED.append(list(attempts.values_list("body", flat=True)))
    return HttpResponse("success", content_type="text/plain")


urlpatterns = [
    path("test-notify/", notify_receiver, name="test-notify"),
    path("payments/emulator/", include("shop.payments.emulator.urls")),
    path("payments/", include("shop.payments.urls")),
]
