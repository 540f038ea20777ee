"""Test-only URLs: the emulator, the project's payment callbacks, and a notify receiver that
records what it received and answers ``success`` as a working shop would."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt

RECEIVED = []


@csrf_exempt
def notify_receiver(request):
    RECEIVED.append(request.POST.dict())
    return HttpResponse("success", content_type="text/plain")


urlpatterns = [
    path("test-notify/", notify_receiver, name="test-notify"),
    path("payments/emulator/", include("shop.payments.emulator.urls")),
    path("payments/", include("shop.payments.urls")),
]
