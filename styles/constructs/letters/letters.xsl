<?xml version="1.0" encoding="UTF-8"?>
<!-- Letters and their parts: opener, closer, postscript, epigraph, argument (salute, dateline, signed are set by structure). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:template match="tei:opener | tei:closer | tei:postscript | tei:epigraph | tei:argument">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <div class="{local-name()}"><xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template><xsl:apply-templates/></div>
      </xsl:when>
      <xsl:otherwise>
        <span class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ============ correspondence ============ -->
  <!-- A letter's correspDesc, above the letter: one line per action, "Sender: Hermann
       Poelchau, Bonn, 19 November 1838", "Addressee: Alfred Escher, Berlin". Persons typed
       as addressee inside a "sent" action (as some editions encode them) go to their own
       line. -->
  <xsl:template name="correspondence">
    <xsl:param name="header"/>
    <xsl:variable name="desc" select="$header/tei:profileDesc/tei:correspDesc[tei:correspAction]"/>
    <xsl:if test="$desc">
      <dl class="correspDesc editorial">
        <xsl:for-each select="$desc[1]/tei:correspAction">
          <xsl:variable name="others" select="(tei:persName | tei:orgName | tei:name)[@type = 'addressee' or @type = 'recipient']"/>
          <xsl:variable name="own" select="(tei:persName | tei:orgName | tei:name)[count(. | $others) != count($others)]"/>
          <xsl:if test="$own or tei:placeName or tei:date">
            <dt>
              <xsl:choose>
                <xsl:when test="@type = 'sent'"><xsl:value-of select="$L[@k = 'sender']"/></xsl:when>
                <xsl:when test="@type = 'received'"><xsl:value-of select="$L[@k = 'addressee']"/></xsl:when>
                <xsl:when test="@type = 'transmitted' or @type = 'forwarded' or @type = 'redirected'"><xsl:value-of select="$L[@k = 'forwarded']"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(@type)"/></xsl:otherwise>
              </xsl:choose>
            </dt>
            <dd><xsl:call-template name="corresp-parts"><xsl:with-param name="names" select="$own"/></xsl:call-template></dd>
          </xsl:if>
          <xsl:if test="$others">
            <dt><xsl:value-of select="$L[@k = 'addressee']"/></dt>
            <dd><xsl:call-template name="corresp-parts"><xsl:with-param name="names" select="$others"/><xsl:with-param name="where" select="false()"/></xsl:call-template></dd>
          </xsl:if>
        </xsl:for-each>
      </dl>
    </xsl:if>
  </xsl:template>

  <xsl:template name="corresp-parts">
    <xsl:param name="names"/>
    <xsl:param name="where" select="true()"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:call-template name="name-of"/>
    </xsl:for-each>
    <xsl:if test="$where">
      <xsl:for-each select="tei:placeName | tei:date">
        <xsl:if test="$names or position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:variable name="t"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="."/></xsl:call-template></xsl:variable>
        <xsl:choose>
          <xsl:when test="$t != ''"><xsl:value-of select="$t"/></xsl:when>
          <xsl:when test="@when"><xsl:call-template name="readable-date"><xsl:with-param name="v" select="normalize-space(@when)"/></xsl:call-template></xsl:when>
          <xsl:when test="@notBefore or @notAfter">
            <xsl:value-of select="normalize-space(concat($L[@k = 'not-before'], ' ', @notBefore))"/>
          </xsl:when>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
