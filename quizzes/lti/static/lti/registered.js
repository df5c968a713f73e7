// Dynamic registration's last step: tell the LMS's dialog it may close.
(window.opener || window.parent).postMessage({ subject: "org.imsglobal.lti.close" }, "*");
