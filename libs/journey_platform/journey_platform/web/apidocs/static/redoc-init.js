// ReDoc on this service's own OpenAPI document.
window.addEventListener("load", function () {
  var element = document.getElementById("redoc");
  Redoc.init(element.dataset.openapi, { hideHostname: true, expandResponses: "200,201" }, element);
});
