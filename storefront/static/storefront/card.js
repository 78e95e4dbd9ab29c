/* Card payment with Stripe.js, finalised on the server.
 *
 * Review page ([data-card-entry] in the order form): Stripe's card field, and
 * the form's button, both hidden until Stripe.js is here; on "place my order"
 * the card becomes a PaymentMethod in the browser (the card number never
 * reaches us) and its id goes with the form to checkout_place.
 * Bank page (form[data-card-confirm]): Stripe.js runs the bank's 3-D Secure
 * step with the intent's client secret, then the form goes back to the server,
 * which asks Stripe how it went and places the order or says why not.
 * Everything the script needs comes in data- attributes (no inline script).
 */
(function () {
  "use strict";

  function show(node) {
    if (node) { node.hidden = false; }
  }

  function say(node, text) {
    if (node) {
      node.textContent = text;
      node.hidden = !text;
    }
  }

  function stripeFor(settings) {
    if (typeof window.Stripe !== "function") {
      show(document.querySelector("[data-card-unavailable]"));
      return null;
    }
    return window.Stripe(settings.stripeKey, {locale: settings.locale || "auto"});
  }

  function reviewPage(entry) {
    var settings = entry.dataset;
    var stripe = stripeFor(settings);
    if (!stripe) { return; }
    var form = entry.closest("form");
    var card = stripe.elements({locale: settings.locale || "auto"}).create("card", {hidePostalCode: true});
    card.mount(entry.querySelector("[data-card-element]"));
    var field = form.querySelector("input[name=payment_method]");
    var button = form.querySelector("button[type=submit]");
    var error = entry.querySelector("[data-card-error]");
    var busy = false;
    show(entry);
    show(button);

    // Back from the next page, the browser may restore this one as it was left.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        busy = false;
        button.disabled = false;
        field.value = "";
      }
    });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      button.disabled = true;
      say(error, "");
      Promise.resolve()
        .then(function () { return stripe.createPaymentMethod({type: "card", card: card}); })
        .then(function (result) {
          if (!result || result.error || !result.paymentMethod) {
            throw (result && result.error) || {};
          }
          field.value = result.paymentMethod.id;
          form.submit();
        })
        .catch(function (problem) {
          busy = false;
          button.disabled = false;
          // Stripe words what is wrong with the card in the page's language; anything
          // else (a network failure) gets our own sentence.
          var readable = problem && /^(validation_error|card_error)$/.test(problem.type);
          say(error, (readable && problem.message) || settings.unreadable);
        });
    });
  }

  function bankPage(form) {
    var stripe = stripeFor(form.dataset);
    if (!stripe) { return; }
    Promise.resolve()
      .then(function () { return stripe.confirmCardPayment(form.dataset.clientSecret); })
      .catch(function () { return null; })
      .then(function () {
        // Whatever the browser heard, the server asks Stripe and decides.
        form.submit();
      });
  }

  document.querySelectorAll("[data-card-entry]").forEach(reviewPage);
  document.querySelectorAll("form[data-card-confirm]").forEach(bankPage);
})();
